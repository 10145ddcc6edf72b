/**
 * What `stats` and the session browser group sessions by. Its own module so the
 * flag table can list the choices without loading the statistics behind them.
 */
export const GROUP_BY = ['condition', 'supporter', 'seeker', 'engine', 'family'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
