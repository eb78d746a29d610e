import { Anchor, Text } from '@mantine/core';
import type { components } from '../api/schema';

export type EvidenceArtifact = components['schemas']['EvidenceArtifact'];

/** An uploaded evidence file: a same-origin link (the session cookie authenticates) and its SHA-256, shortened on screen, whole for tools. */
export function EvidenceLink({ dealId, artifact }: { dealId: string; artifact: EvidenceArtifact }) {
  return (
    <Text size="xs" component="span" display="block">
      <Anchor href={`/deals/${encodeURIComponent(dealId)}/artifacts/${encodeURIComponent(artifact.id)}`} target="_blank" rel="noopener">
        Open evidence ({artifact.filename})
      </Anchor>{' '}
      <span title={`SHA-256 ${artifact.sha256}`} aria-label={`SHA-256 ${artifact.sha256}`} data-testid="evidence-sha256">
        SHA-256 {artifact.sha256.slice(0, 12)}…
      </span>
    </Text>
  );
}
