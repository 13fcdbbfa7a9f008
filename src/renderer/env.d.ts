/** What the preload exposes in Electron; absent in browser mode. */
interface LoanDeskBridge {
  invoke: (method: string, input: unknown) => Promise<unknown>;
  subscribe: (listener: (event: unknown) => void) => () => void;
}

interface Window {
  loandesk?: LoanDeskBridge;
}
