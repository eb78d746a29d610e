import { Button, FileInput, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { newIdempotencyKey, post, Problem, type ProblemBody } from '../api/client';
import type { Deal } from '../api/models';
import type { EvidenceArtifact } from '../ui/Evidence';
import { ProblemAlert } from '../ui/common';

/** The file goes first (multipart, part `file`); the submission then names it by `artifactId`, so its SHA-256 is in the history. */
async function upload(dealId: string, file: File, key: string): Promise<EvidenceArtifact> {
  const body = new FormData();
  body.append('file', file);
  const res = await fetch(`/deals/${encodeURIComponent(dealId)}/artifacts`, { method: 'POST', body, credentials: 'same-origin', headers: { 'Idempotency-Key': key } });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Problem({ ...(json as Partial<ProblemBody>), status: res.status, errors: [{ path: 'file', message: (json as ProblemBody).detail ?? 'upload refused' }] });
  return json as EvidenceArtifact;
}

export function SubmitEvidenceDialog({ deal, onClose }: { deal: Deal; onClose: () => void }) {
  const client = useQueryClient();
  const [keys] = useState(() => ({ upload: newIdempotencyKey(), submit: newIdempotencyKey() }));
  const [gate, setGate] = useState<string | null>(null);
  const [documentType, setDocumentType] = useState('');
  const [documentRef, setDocumentRef] = useState('');
  const [effectiveDate, setEffectiveDate] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const submit = useMutation({
    mutationFn: async () => {
      const artifact = file ? await upload(deal.id, file, keys.upload) : undefined;
      return post('/deals/{id}/artifacts', keys.submit, { gate, documentType, effectiveDate, ...(documentRef.trim() ? { documentRef: documentRef.trim() } : {}), ...(artifact ? { artifactId: artifact.id } : {}) }, { id: deal.id });
    },
    onSuccess: async () => {
      notifications.show({ message: `Evidence for ${gate} of ${deal.id} submitted to the deal desk`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      await client.invalidateQueries({ queryKey: ['deal', deal.id] });
      onClose();
    },
  });
  const problem = submit.error instanceof Problem ? submit.error : undefined;
  const open = deal.gates.filter((g) => g.status === 'OPEN').map((g) => ({ value: g.key, label: `${g.key} ${g.name ?? ''}`.trim() }));
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Submit evidence for ${deal.id}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate();
        }}
      >
        <Stack>
          <Select label="Gate" data={open} value={gate} onChange={setGate} error={problem?.fieldErrors('gate')} />
          <TextInput label="Document type" description="e.g. SIGNED_WORK_ORDER" value={documentType} onChange={(e) => setDocumentType(e.currentTarget.value)} error={problem?.fieldErrors('documentType')} />
          <TextInput label="Effective date" type="date" value={effectiveDate} onChange={(e) => setEffectiveDate(e.currentTarget.value)} error={problem?.fieldErrors('effectiveDate')} />
          <FileInput label="Evidence file" description="PDF, PNG, JPEG or WebP" accept="application/pdf,image/png,image/jpeg,image/webp" value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': 'Remove the file' }} error={problem?.fieldErrors('file') ?? problem?.fieldErrors('artifactId')} />
          <TextInput label="Document reference (optional)" value={documentRef} onChange={(e) => setDocumentRef(e.currentTarget.value)} error={problem?.fieldErrors('documentRef')} />
          <ProblemAlert error={submit.error} fields={['gate', 'documentType', 'effectiveDate', 'file', 'artifactId', 'documentRef']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={submit.isPending}>
              Submit
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function SubmitEvidenceButton({ deal }: { deal: Deal }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        Submit evidence
      </Button>
      {open && <SubmitEvidenceDialog deal={deal} onClose={() => setOpen(false)} />}
    </>
  );
}
