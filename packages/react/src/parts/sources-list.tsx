import { LINK_REL } from '../markdown/render-inline.js';
import { safeLinkUrl } from '../markdown/safe-url.js';
import { sourceTitle, type NumberedSource } from '../markdown/citations.js';
import { useStrings } from '../strings/use-strings.js';

/** The numbered sources under a reply; footnote markers in the text link to these entries. */
export function SourcesList({ sources, idPrefix }: { sources: readonly NumberedSource[]; idPrefix: string }) {
  const strings = useStrings();
  return (
    <section className="cw-sources" aria-label={strings.sources}>
      <p className="cw-sources-title">{strings.sources}</p>
      <ol>
        {sources.map(({ number, source }) => {
          const href = source.type === 'url' ? safeLinkUrl(source.url) : undefined;
          const title = sourceTitle(source);
          return (
            <li key={number} id={`${idPrefix}-${number}`} value={number} data-source-type={source.type}>
              {href ? (
                <a href={href} target="_blank" rel={LINK_REL}>
                  {title}
                </a>
              ) : (
                <span>{title}</span>
              )}
              {source.type === 'url' && source.attribution ? (
                <span className="cw-source-note"> · {source.attribution}</span>
              ) : null}
              {source.type === 'file' && source.title && source.title !== source.filename ? (
                <span className="cw-source-note"> · {source.filename}</span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
