/**
 * What `stats --by` and the session browser group sessions by. On its own, apart
 * from the report, so the flag table (loaded by every command and by the terminal
 * app before its home screen) names the choices without loading the statistics.
 */
export const GROUP_BY = ['condition', 'supporter', 'seeker', 'engine', 'family'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
