import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../errors.js';
import { fileAttachment, imageAttachment } from './fixtures.js';
import { uniqueId, type Harness } from './harness.js';

export function describeAttachments<TContext>(h: Harness<TContext>): void {
  describe('attachments', () => {
    it('saves and loads a file attachment', async () => {
      const user = h.newUser();
      const file = fileAttachment();
      await h.store.saveAttachment(file, user);
      expect(await h.store.loadAttachment(file.id, user)).toEqual(file);
    });

    it('saves and loads an image attachment, its metadata and upload descriptor included', async () => {
      const user = h.newUser();
      const image = imageAttachment();
      await h.store.saveAttachment(image, user);
      expect(await h.store.loadAttachment(image.id, user)).toEqual(image);
    });

    it('saving an attachment again overwrites it', async () => {
      const user = h.newUser();
      const file = fileAttachment({ metadata: { stage: 'uploading' } });
      await h.store.saveAttachment(file, user);
      const { metadata: _metadata, ...rest } = file;
      const updated = { ...rest, thread_id: uniqueId('thr') };
      await h.store.saveAttachment(updated, user);
      expect(await h.store.loadAttachment(file.id, user)).toEqual(updated);
    });

    it('loading a missing attachment throws NotFoundError', async () => {
      await expect(h.store.loadAttachment(uniqueId('atc'), h.newUser())).rejects.toBeInstanceOf(NotFoundError);
    });

    it('deleting an attachment removes it, and deleting a missing one does nothing', async () => {
      const user = h.newUser();
      const file = fileAttachment();
      await h.store.saveAttachment(file, user);
      await h.store.deleteAttachment(file.id, user);
      await expect(h.store.loadAttachment(file.id, user)).rejects.toBeInstanceOf(NotFoundError);
      await expect(h.store.deleteAttachment(file.id, user)).resolves.toBeUndefined();
    });
  });
}
