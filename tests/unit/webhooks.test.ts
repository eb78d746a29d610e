import { Webhook } from 'standardwebhooks';
import { signedDelivery } from '../../activities/webhook.activities';
import { generateWebhookSecret } from '../../apps/api/webhooks/webhooks.service';
import { createWebhookSchema } from '../../apps/api/webhooks/webhooks.schemas';
import { cloudEvent, isWebhookEventType, OutboxEvent, retryDelaySeconds, subscriberUrlRefusal, WEBHOOK_EVENT_TYPES } from '../../libs/domain';
import { outboxEventId } from '../../libs/persistence/outbox';

const event: OutboxEvent = {
  eventId: outboxEventId('tranche.gate.retired', 'deal:D-1:gate:G1'),
  type: 'tranche.gate.retired',
  subject: 'deal/D-1',
  occurredAt: '2027-03-01T10:00:00.000Z',
  data: { dealId: 'D-1', gate: 'G1', dealCredit: '250000.00' },
};

describe('signed webhooks (docs/rules.md "Signed webhooks")', () => {
  describe('signing with the Standard Webhooks library', () => {
    const secret = generateWebhookSecret();
    const at = new Date();

    it('a delivery verifies with the subscription secret: headers webhook-id, webhook-timestamp, webhook-signature (v1,)', () => {
      const { body, headers } = signedDelivery(secret, event, at);
      expect(headers['webhook-id']).toBe(event.eventId);
      expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
      expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
      expect(new Webhook(secret).verify(body, headers)).toEqual(cloudEvent(event));
    });

    it('a changed body, another secret or another id does not verify', () => {
      const { body, headers } = signedDelivery(secret, event, at);
      expect(() => new Webhook(secret).verify(body.replace('250000.00', '950000.00'), headers)).toThrow();
      expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
      expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'evt_other' })).toThrow();
    });

    it('a generated secret is whsec_ and the base64 of 32 random bytes, and the create schema accepts it', () => {
      const s = generateWebhookSecret();
      expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(s.slice(6), 'base64')).toHaveLength(32);
      expect(s).not.toBe(generateWebhookSecret());
      expect(createWebhookSchema.safeParse({ url: 'https://x.example/h', events: ['tranche.deal.closed'], secret: s }).success).toBe(true);
      expect(createWebhookSchema.safeParse({ url: 'https://x.example/h', events: ['tranche.deal.closed'], secret: 'whsec_short' }).success).toBe(false);
    });
  });

  describe('the CloudEvents body', () => {
    it('is a CloudEvents 1.0 structured-mode event: specversion, id, source, type, subject, time, datacontenttype, data', () => {
      expect(cloudEvent(event)).toEqual({
        specversion: '1.0',
        id: event.eventId,
        source: '/tranche',
        type: 'tranche.gate.retired',
        subject: 'deal/D-1',
        time: '2027-03-01T10:00:00.000Z',
        datacontenttype: 'application/json',
        data: { dealId: 'D-1', gate: 'G1', dealCredit: '250000.00' },
      });
    });

    it('an event id is stable: the same type and key give the same id, another key or type another', () => {
      expect(outboxEventId('tranche.gate.retired', 'deal:D-1:gate:G1')).toBe(event.eventId);
      expect(event.eventId).toMatch(/^evt_[0-9a-f]{32}$/);
      expect(outboxEventId('tranche.gate.retired', 'deal:D-1:gate:G2')).not.toBe(event.eventId);
      expect(outboxEventId('tranche.approval.decided', 'approval:A')).not.toBe(outboxEventId('tranche.approval.submitted', 'approval:A'));
    });

    it('lists every event type once, each tranche.<noun>.<verb>', () => {
      expect(new Set(WEBHOOK_EVENT_TYPES).size).toBe(WEBHOOK_EVENT_TYPES.length);
      for (const t of WEBHOOK_EVENT_TYPES) expect(t).toMatch(/^tranche\.[a-z]+\.[a-z_]+$/);
      expect(isWebhookEventType('tranche.deal.killed')).toBe(true);
      expect(isWebhookEventType('tranche.deal.exploded')).toBe(false);
    });
  });

  describe('subscriber URLs', () => {
    const cases: Array<[string, string | undefined]> = [
      ['https://hooks.example.com/tranche', undefined],
      ['http://127.0.0.1:8080/hook?x=1', undefined],
      ['ftp://example.com/hook', 'must be http or https, not ftp'],
      ['file:///etc/passwd', 'must be http or https, not file'],
      ['javascript:alert(1)', 'must be http or https, not javascript'],
      ['http://user:pass@example.com/', 'must not carry credentials (user:password@); the signature authenticates the delivery'],
      ['https://token@example.com/', 'must not carry credentials (user:password@); the signature authenticates the delivery'],
      ['https://example.com/#frag', 'must not carry a fragment'],
      ['/relative/path', 'must be an absolute http or https URL'],
      ['not a url', 'must be an absolute http or https URL'],
      [`https://example.com/${'a'.repeat(2040)}`, 'must be at most 2048 characters'],
    ];
    it.each(cases.map(([url, refusal]) => [url.length > 60 ? `${url.slice(0, 30)}… (${url.length} characters)` : url, refusal ?? 'accepted', url]))('%s → %s', (_label, outcome, url) => {
      const refusal = outcome === 'accepted' ? undefined : outcome;
      expect(subscriberUrlRefusal(url)).toBe(refusal);
    });

    it('the create schema refuses a bad URL, an unknown or repeated event type, an empty list and unknown fields', () => {
      const ok = { url: 'https://x.example/h', events: ['tranche.deal.closed'] };
      expect(createWebhookSchema.safeParse(ok).success).toBe(true);
      for (const bad of [
        { ...ok, url: 'http://a:b@x.example/' },
        { ...ok, events: [] },
        { ...ok, events: ['tranche.deal.closed', 'tranche.deal.closed'] },
        { ...ok, events: ['deal.closed'] },
        { ...ok, extra: true },
      ]) {
        expect(createWebhookSchema.safeParse(bad).success).toBe(false);
      }
    });
  });

  it('retries back off exponentially from 5 s, doubling, capped at one hour', () => {
    expect([2, 3, 4, 5, 11, 12, 13, 80].map(retryDelaySeconds)).toEqual([5, 10, 20, 40, 2560, 3600, 3600, 3600]);
  });
});
