import { allHandlersFinished, ApplicationFailure, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Refusal } from '../libs/domain';
import type { CreateCommand } from '../libs/contracts';
import { refuseIf } from './refusals';
import { WorkflowLock } from './workflow-lock';

/** Continue-as-new well before Temporal's limits; each run carries the entity's whole state. */
export const DEFAULT_HISTORY_LIMIT = 4000;

/** Activities are short idempotent transactions: retried until they succeed, except a refusal, which is final. */
export const ENTITY_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
} as const;

export interface RunProgress {
  continueAsNewSuggested: boolean;
  historyLength: number;
}

/** Whether a run has grown enough to hand over to a new one. */
export function isDueToContinue(progress: RunProgress, historyLimit: number): boolean {
  return progress.continueAsNewSuggested || progress.historyLength >= historyLimit;
}

/** A repeated create is answered with the entity only when it is the request that started the workflow. */
export function conflictingCreate(label: string, startedWith: string | undefined, cmd: CreateCommand): Refusal | null {
  if (startedWith === undefined || cmd.requestHash === startedWith) return null;
  return { code: 'CONFLICT', message: `${label} already exists with other attributes` };
}

export interface EntityWorkflowOptions {
  /** Names the entity in refusals: `deal D-1`, `rep ae-1`. */
  label: string;
  historyLimit?: number;
  /** False on the first run of a workflow that still has to write its projection (see `create`). */
  created: boolean;
}

type Creation = { state: 'pending' } | { state: 'written' } | { state: 'refused'; failure: ApplicationFailure };

/**
 * What the deal and rep workflows share: commands serialised by one lock, the projection written as the workflow
 * starts, and a run that drains its handlers before it continues as new.
 */
export class EntityWorkflow {
  private readonly lock = new WorkflowLock();
  private readonly historyLimit: number;
  // Once the run is due to continue as new, validators refuse new commands (the caller retries them on the next
  // run): otherwise a steady stream of updates keeps handlers in flight and the run never drains.
  private continuing = false;
  private creation: Creation;

  constructor(private readonly options: EntityWorkflowOptions) {
    this.historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
    this.creation = options.created ? { state: 'written' } : { state: 'pending' };
  }

  get created(): boolean {
    return this.creation.state === 'written';
  }

  /**
   * A command is refused by its checks twice: in the validator (nothing reaches history) and again under the lock,
   * because an earlier command may have changed state while this one waited.
   */
  command<Ret, Arg>(
    definition: UpdateDefinition<Ret, [Arg], string>,
    checks: (cmd: NoInfer<Arg>) => void,
    run: (cmd: NoInfer<Arg>) => Promise<NoInfer<Ret>>,
  ): void {
    setHandler(
      definition,
      (cmd: Arg) =>
        this.lock.run(async () => {
          this.refuseIfCreationRefused();
          checks(cmd);
          return run(cmd);
        }),
      {
        validator: (cmd: Arg) => {
          this.refuseIfCreationRefused();
          checks(cmd);
          this.refuseWhileContinuing();
        },
      },
    );
  }

  /** A fact (signal) applied under the lock; ignored by an entity whose creation was refused. */
  fact<Arg>(definition: SignalDefinition<[Arg], string>, apply: (arg: Arg) => Promise<void>): void {
    setHandler(definition, (arg: Arg) =>
      this.lock.run(async () => {
        if (this.creation.state !== 'refused') await apply(arg);
      }),
    );
  }

  /**
   * The update sent with the workflow's start (and again by a repeated create): answers once the projection is
   * written, or with the refusal that stopped it. It takes no lock, so it never holds up a drain.
   */
  createCommand<Ret>(definition: UpdateDefinition<Ret, [CreateCommand], string>, startedWith: string | undefined, answer: () => Ret): void {
    const checks = (cmd: CreateCommand) => {
      if (this.creation.state === 'refused') throw this.creation.failure;
      refuseIf(conflictingCreate(this.options.label, startedWith, cmd));
    };
    setHandler(
      definition,
      async (cmd: CreateCommand) => {
        checks(cmd);
        await condition(() => this.creation.state !== 'pending');
        checks(cmd);
        return answer();
      },
      { validator: checks },
    );
  }

  /** Writes the projection under the lock before any command runs; false when the write was refused. */
  async create(write: () => Promise<void>): Promise<boolean> {
    // The outcome is set before the lock is released, so no command waiting on the lock can run ahead of it.
    return this.lock.run(async () => {
      try {
        await write();
        this.creation = { state: 'written' };
        return true;
      } catch (err) {
        if (!(err instanceof ApplicationFailure)) throw err;
        this.creation = { state: 'refused', failure: err };
        return false;
      }
    });
  }

  /** Ends a run whose creation was refused: the handlers answer with the refusal, then the run fails with it. */
  async abandon(): Promise<never> {
    await condition(allHandlersFinished);
    if (this.creation.state === 'refused') throw this.creation.failure;
    throw ApplicationFailure.nonRetryable(`${this.options.label} was abandoned before it was created`);
  }

  /**
   * Waits until the entity is done (and no command holds the lock), or the run is due to continue as new; then
   * drains the handlers in flight. True when the entity is done; false when the caller should continue as new.
   */
  async runUntilDoneOrDue(done: () => boolean, dueEarly: () => boolean = () => false): Promise<boolean> {
    await condition(() => (done() && !this.lock.busy) || dueEarly() || isDueToContinue(workflowInfo(), this.historyLimit));
    this.continuing = !done();
    await condition(allHandlersFinished);
    return done();
  }

  private refuseIfCreationRefused(): void {
    if (this.creation.state === 'refused') throw this.creation.failure;
  }

  private refuseWhileContinuing(): void {
    if (this.continuing) {
      refuseIf({ code: 'CONTINUING_AS_NEW', message: `${this.options.label} is moving to a new workflow run; retry the command` });
    }
  }
}
