import { Card, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { money } from '../money';
import { dateTime } from '../ui/common';
import { layoutTimeline, Mark, TimelineInput } from './layout';

const COLUMN = 150;
const LABEL = 90;
const LANE = 34;
const HEAD = 26;
const COLOURS: Record<Mark['status'], string> = {
  done: '#2b8a3e',
  pending: '#e8590c',
  expected: '#ffffff',
  cancelled: '#495057',
  refused: '#c92a2a',
  info: '#364fc7',
};

/** The deal over business time: one column per quarter, one lane per kind of event; a mark opens who, when, why and the postings. */
export function Timeline(props: TimelineInput) {
  const layout = layoutTimeline(props);
  const [selected, setSelected] = useState<Mark | undefined>();
  const width = LABEL + layout.columns.length * COLUMN;
  const height = HEAD + layout.lanes.length * LANE;
  const laneIndex = (key: string) => layout.lanes.findIndex((l) => l.key === key);
  // Marks in the same lane and spot step down a little so each stays clickable.
  const seen = new Map<string, number>();
  return (
    <Card withBorder component="section" aria-labelledby="timeline-title">
      <Title order={2} size="h4" id="timeline-title">
        Timeline (business dates)
      </Title>
      <div style={{ overflowX: 'auto' }}>
        <svg width={width} height={height} role="group" aria-label="Deal timeline by quarter" data-testid="timeline">
          {layout.columns.map((c) => (
            <g key={c.period}>
              <rect x={LABEL + c.index * COLUMN} y={0} width={COLUMN} height={height} fill={c.index % 2 ? '#f8f9fa' : '#ffffff'} stroke="#dee2e6" />
              <text x={LABEL + c.index * COLUMN + 6} y={17} fontSize={12} fill="#212529">
                {c.period}
              </text>
            </g>
          ))}
          {layout.lanes.map((l, i) => (
            <text key={l.key} x={6} y={HEAD + i * LANE + 21} fontSize={12} fill="#212529">
              {l.label}
            </text>
          ))}
          {layout.marks.map((m) => {
            const slot = `${m.lane}:${Math.round(m.x * 20)}`;
            const n = seen.get(slot) ?? 0;
            seen.set(slot, n + 1);
            const cx = LABEL + m.x * COLUMN + (n % 4) * 7;
            const cy = HEAD + laneIndex(m.lane) * LANE + 16 + (n % 2 ? 6 : 0) - (n > 1 ? 6 : 0);
            return (
              <g
                key={m.id}
                role="button"
                tabIndex={0}
                aria-label={`${m.date}: ${m.label}`}
                data-mark={m.entry?.type ?? m.status}
                onClick={() => setSelected(m)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ' ? setSelected(m) : undefined)}
                style={{ cursor: 'pointer' }}
              >
                <title>{`${m.date}: ${m.label}`}</title>
                <circle cx={cx} cy={cy} r={selected?.id === m.id ? 8 : 6} fill={COLOURS[m.status]} stroke="#212529" strokeWidth={m.status === 'expected' ? 2 : 1} strokeDasharray={m.status === 'expected' ? '3 2' : undefined} />
              </g>
            );
          })}
        </svg>
      </div>
      {selected ? <MarkDetails mark={selected} /> : <Text size="sm">Select a mark for who, when, why and the postings.</Text>}
    </Card>
  );
}

function MarkDetails({ mark }: { mark: Mark }) {
  const e = mark.entry;
  return (
    <div data-testid="mark-details">
      <Text fw={600}>{mark.label}</Text>
      <Text size="sm">
        Business date {mark.date} ({mark.period}){e ? `; recorded ${dateTime(e.at)} by ${e.actor ?? 'the system'}` : ''}
        {e?.details?.request?.note ? `; note: ${e.details.request.note}` : ''}
        {e?.details?.request?.reason ? `; reason: ${e.details.request.reason}` : ''}
      </Text>
      {mark.postings.length > 0 && (
        <Table aria-label="Postings of this decision">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rep</Table.Th>
              <Table.Th>Posting</Table.Th>
              <Table.Th>Period</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mark.postings.map((p, i) => (
              <Table.Tr key={i}>
                <Table.Td>{p.details?.repId}</Table.Td>
                <Table.Td>{p.details?.commission ? `credit ${money(p.details.credit)}, commission ${money(p.details.commission)}` : p.summary}</Table.Td>
                <Table.Td>{p.details?.period}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
