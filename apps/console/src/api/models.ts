/** What the screens read from the API (docs/api.md), while the OpenAPI document does not describe responses yet. */
export type Money = string;

export interface Me {
  sub: string;
  roles: string[];
  name?: string;
}
export interface AuthConfig {
  loginUrl: string;
  businessClock: import('./schema').components['schemas']['BusinessClock'];
  personas: Array<{ username: string; name: string; roles: string[] }> | null;
}
export interface QueueItem {
  approvalId: string;
  dealId: string;
  kind: 'GATE' | 'BONUS';
  gate?: string;
  gateName?: string;
  type?: string;
  quantity?: number;
  documentType: string;
  documentRef: string;
  artifact?: import('./schema').components['schemas']['EvidenceArtifact'];
  effectiveDate: string;
  period?: string;
  submittedBy: string;
  submitterName?: string;
  submittedAt: string;
  amountIfApproved: Money;
  status: string;
  sponsor?: string;
  program?: string;
  decidable?: boolean;
  blockedBy?: { code: string; reason?: string; detail?: string } | string | null;
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
}
export interface Gate {
  key: string;
  name?: string;
  weight: string;
  status: 'OPEN' | 'PENDING' | 'RETIRED' | 'CANCELLED';
  retiredAt?: string;
  credit?: Money;
  approvalId?: string;
  expectedDate?: string;
}
export interface Split {
  repId: string;
  role: string;
  share: string;
  gates?: string[];
}
export interface Deal {
  id: string;
  status: 'ACTIVE' | 'KILLED' | 'CLOSED';
  sponsor: string;
  program: string;
  dealType: string;
  owner: string;
  sourcedBy: string;
  sourcedAt: string;
  tcv: Money;
  originalTcv?: Money;
  planId: string;
  gates: Gate[];
  creditRetired: Money;
  pending: Array<{ approvalId: string; kind: string; gate?: string; type?: string; amountIfApproved: Money; documentType?: string; documentRef?: string; effectiveDate?: string; artifact?: import('./schema').components['schemas']['EvidenceArtifact'] }>;
  splits: Split[];
  revenueRecognized: Money;
  slip?: { expectedDate: string; reason: string } | null;
  killed?: { effectiveDate: string; reason: string } | null;
}
export interface HistoryEntry {
  at: string;
  type: string;
  actor: string | null;
  summary: string;
  details: Record<string, any>;
  effectiveDate?: string;
  period?: string;
}
export interface Rep {
  id: string;
  name: string;
  role: string;
  hireDate: string;
  quarterlyDraw: Money;
  planId: string;
  managerId: string | null;
  status: string;
  departure: { effectiveDate: string; goodStanding: boolean } | null;
  unrecoveredDrawBalance: Money;
  performanceReview: boolean;
}
export interface PeriodRow {
  period: string;
  status: 'OPEN' | 'CLOSING' | 'CLOSED';
  closedAt?: string;
  statementCount?: number;
  failures?: Array<{ repId: string; code?: string; message?: string } | string>;
}
export interface StatementLine {
  lineId?: string;
  kind: string;
  amount: Money;
  dealId?: string;
  effectiveDate?: string;
  late?: boolean;
}
export interface Statement {
  repId: string;
  period: string;
  commission: Money;
  netCommissionPay: Money;
  drawPaid: Money;
  recovery: Money;
  designWinBonus: Money;
  designWinCapped: Money;
  retentionBonus: Money;
  retentionForfeited: Money;
  trailingCommission: Money;
  drawWrittenOff: Money;
  totalPayout: Money;
  unrecoveredDrawBalance: Money;
  lines: StatementLine[];
  /** SHA-256 of the statement's content: what the manager and finance sign. */
  hash?: string;
  status?: 'CLOSED' | 'APPROVED' | 'PAID';
  signoffs?: Array<{ by: string; role: 'manager' | 'finance'; at: string }>;
  onHold?: { reason: string } | null;
}
export interface Attainment {
  year: number;
  rampFactor: string;
  quota: { newBusiness: Money; expansion: Money };
  credit: { newBusiness: Money; expansion: Money };
  attainment: { newBusiness: string; expansion: string };
}
export interface ForecastPeriod {
  period: string;
  worstCase: { credit: Money; commission: Money };
  forecast: { credit: Money; commission: Money };
  bestCase: { credit: Money; commission: Money };
}
export interface Team {
  managerId: string;
  year: number;
  reps: Array<{ repId: string; name: string; attainment: Attainment; forecastNext4Quarters: { from: string; to: string; forecast: Money; bestCase: Money; worstCase: Money } }>;
}
export interface Plan {
  id: string;
  effectiveFrom: string;
  status: 'DRAFT' | 'PUBLISHED';
  params: Record<string, any>;
}
