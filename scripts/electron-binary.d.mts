export declare function findElectron(
  root: string,
  env?: Record<string, string | undefined>,
): { path: string } | { reason: string };
