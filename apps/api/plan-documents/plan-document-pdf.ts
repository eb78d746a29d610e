import PDFDocument from 'pdfkit';
import { PlanDocument } from '../../../libs/persistence/plan-acknowledgements.repository';

/**
 * The plan document as a PDF (pdfkit): the same Markdown, laid out line by line, with its hash printed on the page
 * and in the document info (Subject, Keywords, DocumentHash). Streams are left uncompressed so the text is readable as
 * it is, and the creation date is fixed to the hash's document, so the same terms give the same bytes.
 */
export function planDocumentPdf(document: PlanDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    compress: false,
    size: 'A4',
    margin: 50,
    info: {
      Title: `Compensation plan ${document.planId} for ${document.repId}`,
      Subject: `sha256:${document.hash}`,
      Keywords: `plan ${document.planId}, rep ${document.repId}, sha256 ${document.hash}`,
      Creator: 'Tranche',
      Producer: 'Tranche',
      CreationDate: new Date(0),
    },
  });
  (pdf.info as unknown as Record<string, string>).DocumentHash = document.hash;
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  for (const line of document.markdown.split('\n')) writeLine(pdf, line);
  pdf.moveDown().font('Courier').fontSize(8).text(`Document hash (sha256): ${document.hash}`);
  pdf.end();
  return done;
}

/** One Markdown line: headings larger, table rows as plain text, emphasis markers dropped. */
function writeLine(pdf: PDFKit.PDFDocument, line: string): void {
  const plain = line.replace(/\*\*/g, '');
  if (/^\|(-+\|)+$/.test(plain)) return;
  const heading = /^(#+) (.*)$/.exec(plain);
  if (heading) {
    pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(heading[1].length === 1 ? 18 : 13).text(heading[2]);
    return;
  }
  const text = plain.startsWith('|') ? plain.slice(1, -1).split('|').map((c) => c.trim()).join('  ·  ') : plain;
  pdf.font('Helvetica').fontSize(10).text(text === '' ? ' ' : text);
}
