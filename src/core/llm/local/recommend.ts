/**
 * Settings that keep a conversation responsive on the local model, for the app
 * to apply and show. On a CPU every token of judge work is a token the agents
 * wait for, so there the judge runs less often and gets a small share of the
 * model while the agents talk; with a GPU it can keep up after every turn.
 */

export interface LocalRecommendation {
  /** Trait judge cadence: judge every N turns. */
  judgeCadence: number;
  /** Share of model time the judge and classifier may take while an agent is generating. */
  backgroundShare: number;
  /** One line for the screen. */
  note: string;
}

export function recommendLocalSettings(gpu: string | false): LocalRecommendation {
  if (gpu === false) {
    return {
      judgeCadence: 4,
      backgroundShare: 0.2,
      note: 'CPU only: the trait judge runs every 4 turns and takes at most a fifth of the model while the agents talk, so replies stay quick.',
    };
  }
  return {
    judgeCadence: 1,
    backgroundShare: 0.5,
    note: `GPU (${gpu}): the trait judge runs after every turn, sharing the model with the agents.`,
  };
}
