import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, newIdempotencyKey, post, Problem } from '../api/client';
import type { components } from '../api/schema';
import { useMe } from '../session';
import { dateTime, Loaded, Page, ProblemAlert } from '../ui/common';
import { acknowledgementsQuery } from './PlanAcknowledgementStatus';
import { PlanMarkdown } from './PlanMarkdown';

type PlanDocument = components['schemas']['PlanDocument'];
type PlanAcknowledgement = components['schemas']['PlanAcknowledgement'];

/** The PDF needs `Accept: application/pdf`, which a plain link cannot send: fetch it and hand the browser the file. */
async function downloadPdf(repId: string, planId: string): Promise<void> {
  const res = await fetch(`/reps/${encodeURIComponent(repId)}/plan-document?planId=${encodeURIComponent(planId)}`, { credentials: 'same-origin', headers: { accept: 'application/pdf' } });
  if (!res.ok) throw new Problem({ status: res.status, ...(await res.json().catch(() => ({}))) });
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `plan-${planId}-${repId}.pdf`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The rep's "My plan": the terms of their plan version with their own draw, the PDF, and the acknowledgement of exactly this text. */
export function MyPlan() {
  const me = useMe().data!;
  const client = useQueryClient();
  const document = useQuery({ queryKey: ['plan-document', me.sub], queryFn: () => get<PlanDocument>('/reps/{id}/plan-document', { path: { id: me.sub } }) });
  const acks = useQuery(acknowledgementsQuery(me.sub));
  const acknowledge = useMutation({
    mutationFn: (d: PlanDocument) => post<PlanAcknowledgement>('/reps/{id}/plan-acknowledgements', newIdempotencyKey(), { planId: d.planId, hash: d.hash }, { id: me.sub }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['plan-acknowledgements', me.sub] }),
  });
  const download = useMutation({ mutationFn: (d: PlanDocument) => downloadPdf(me.sub, d.planId) });
  return (
    <Page title="My plan">
      <Loaded query={document}>
        {(d) => {
          const acknowledged = acks.data?.acknowledgements.find((a) => a.planId === d.planId && a.hash === d.hash);
          return (
            <Stack>
              <Card withBorder component="section" aria-label="Acknowledgement">
                {acknowledged ? (
                  <Alert color="green.9" title="Acknowledged" data-testid="acknowledged">
                    You acknowledged plan {d.planId} on {dateTime(acknowledged.acknowledgedAt)}.
                  </Alert>
                ) : (
                  <Text>
                    {acks.data?.current.requireAcknowledgement && acks.data.current.planId === d.planId
                      ? 'Your statements are held out of payroll until you acknowledge this plan.'
                      : 'Please read your plan and acknowledge it.'}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt="xs" style={{ wordBreak: 'break-all' }} data-testid="document-hash">
                  Document hash (sha256) {d.hash}
                </Text>
                <Group mt="sm">
                  {!acknowledged && (
                    <Button onClick={() => acknowledge.mutate(d)} loading={acknowledge.isPending} disabled={!acks.data}>
                      Acknowledge plan {d.planId}
                    </Button>
                  )}
                  <Button variant="default" onClick={() => download.mutate(d)} loading={download.isPending}>
                    Download PDF
                  </Button>
                </Group>
                {acknowledge.error && <ProblemAlert error={acknowledge.error} />}
                {download.error && <ProblemAlert error={download.error} />}
              </Card>
              <Card withBorder component="article" aria-label={`Plan ${d.planId}`}>
                <PlanMarkdown markdown={d.markdown} />
              </Card>
            </Stack>
          );
        }}
      </Loaded>
    </Page>
  );
}
