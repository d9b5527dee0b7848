/** Says, on every page, that the demo provider's answers, tokens and costs are recorded replays. */
export function DemoBanner({ providers }: { providers: string[] }) {
  const names = providers.map((id) => `'${id}'`).join(', ');
  return (
    <p className="demo-banner" role="note" data-testid="demo-banner">
      <strong>Demo mode.</strong> Provider {names} is the built-in emulator: its answers are recordings of
      real provider traffic, replayed whatever you ask, and their tokens and costs are the recorded ones, not
      your prompt&apos;s. Add a provider with your own key for real answers.
    </p>
  );
}
