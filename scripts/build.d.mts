export declare const ROOT: string;
export declare const BUILD_OUTPUTS: string[];
export declare function staleReason(root: string): string | null;
export declare function ensureBuilt(root?: string): void;
