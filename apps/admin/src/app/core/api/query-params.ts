import { HttpParams } from '@angular/common/http';

/** Query parameters without the empty ones (blank strings, null, undefined). */
export function toQueryParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(name, String(value));
  }
  return params;
}
