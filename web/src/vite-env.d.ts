/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The region this deployment serves (cdk.json's `jurisdiction`), set at build time. */
  readonly VITE_JURISDICTION: string;
}

declare module 'virtual:division-names' {
  const names: { regions: Record<string, string>; villages: Record<string, string> };
  export default names;
}
