/** The parameter a call's RelayError names, or undefined when the call does not throw. */
export function refusedParam(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { param?: string }).param;
  }
  return undefined;
}
