import { Skeleton } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useLoad } from '../api/useLoad';
import { useSession } from '../session/SessionProvider';

interface Props {
  readonly src: string;
  readonly alt: string;
  /** Changes when the image does (a version's updatedAt), to fetch it again. */
  readonly revision?: string;
  /** Shown instead of the image when it cannot be loaded. */
  readonly fallback: (error: unknown, retry: () => void) => ReactNode;
  readonly className?: string;
}

/**
 * An image from the API, fetched through the API client: it carries the viewed tenant's header
 * (a supervisor reading a publication below), and a changed chart is fetched again, not cached.
 */
export function ApiImage({ src, alt, revision, fallback, className }: Props) {
  const { api } = useSession();
  const image = useLoad((signal) => api.getBlob(src, { signal }), [api, src, revision]);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!image.data) return undefined;
    const objectUrl = URL.createObjectURL(image.data);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [image.data]);

  if (image.error) return <>{fallback(image.error, image.reload)}</>;
  if (!url) return <Skeleton.Image active />;
  return <img className={className} src={url} alt={alt} />;
}
