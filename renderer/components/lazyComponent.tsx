/**
 * Screens and dialogs nobody needs to see the first article load after it: their code comes in
 * a chunk of its own when first shown, so the page that opens first has less script to load,
 * compile and run.
 */
import { lazy, Suspense, type ComponentProps, type ComponentType, type ReactElement } from 'react';

/** Any component; the props are checked where the lazy one is used, through `ComponentProps`. */
type AnyComponent = ComponentType<any>;

/**
 * The component exported as `name` by the module `load` imports, loaded when first rendered and
 * shown with a quiet placeholder meanwhile (a moment, from the local disk or server).
 */
export function lazyComponent<M extends Record<K, AnyComponent>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  const Loaded = lazy(async () => ({ default: (await load())[name] }));
  return function LazyComponent(props: ComponentProps<M[K]>): ReactElement {
    return (
      <Suspense fallback={<div className="sw-screen-loading" role="status">Loading…</div>}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}
