import type { Group } from './questions.js';

/** What DuckDB answered, timed; lives apart so the bench type-checks without DuckDB installed. */
export interface DuckDbFigures {
  load_ms: number;
  first_page_ms: number;
  page_ms: number;
  month_one_province_ms: number;
  month_two_provinces_ms: number;
  by_type_ms: number;
  /** The answers, to check every engine agrees. */
  answers: { page: number[]; month_one_province: Group[]; by_type: Group[] };
}
