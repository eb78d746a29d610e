import { List, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** `**bold**` inside a line of the plan document. */
function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/).map((part, i) => (part.startsWith('**') && part.endsWith('**') ? <strong key={i}>{part.slice(2, -2)}</strong> : part));
}

const cells = (row: string) => row.slice(1, -1).split('|').map((c) => c.trim());

/**
 * The plan document's Markdown as the API renders it (headings, paragraphs, bullet lists, pipe tables, bold): the
 * server writes only this subset, so a few lines here replace a Markdown library in the bundle.
 */
export function PlanMarkdown({ markdown }: { markdown: string }) {
  const blocks: ReactNode[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      const order = heading[1].length === 1 ? 2 : 3;
      blocks.push(<Title key={i} order={order} size={order === 2 ? 'h3' : 'h4'} mt="md">{heading[2]}</Title>);
    } else if (line.startsWith('- ')) {
      const items: string[] = [];
      for (; i < lines.length && lines[i].startsWith('- '); i++) items.push(lines[i].slice(2));
      i--;
      blocks.push(<List key={i} spacing={4} size="sm">{items.map((item, k) => <List.Item key={k}>{inline(item)}</List.Item>)}</List>);
    } else if (line.startsWith('|')) {
      const rows: string[] = [];
      for (; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
      i--;
      const [head, , ...body] = rows;
      blocks.push(
        <Table key={i} withTableBorder striped fz="sm">
          <Table.Thead>
            <Table.Tr>{cells(head).map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {body.map((row, r) => (
              <Table.Tr key={r}>{cells(row).map((c, k) => <Table.Td key={k}>{c}</Table.Td>)}</Table.Tr>
            ))}
          </Table.Tbody>
        </Table>,
      );
    } else {
      blocks.push(<Text key={i} size="sm">{inline(line)}</Text>);
    }
  }
  return <>{blocks}</>;
}
