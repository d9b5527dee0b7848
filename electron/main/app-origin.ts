/**
 * The origin of the relay that serves the window's UI. A getter where it can change: the relay
 * moves when the user picks another port, and the checks must follow it.
 */
export type AppOrigin = string | (() => string);

export function currentOrigin(origin: AppOrigin): string {
  return typeof origin === 'function' ? origin() : origin;
}
