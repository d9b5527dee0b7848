/** Shown without a valid admin token: the UI can do nothing until it has one. */
export function AccessNotice() {
  return (
    <main className="page">
      <h1>Switchboard</h1>
      <p className="notice">
        This page needs the relay’s admin token. Open the link printed by <code>npm run relay</code> (it
        carries the admin token, like <code>http://127.0.0.1:4141/ui/#token=…</code>), or open Switchboard’s
        desktop window.
      </p>
    </main>
  );
}
