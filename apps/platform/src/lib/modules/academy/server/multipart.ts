import { error, type RequestEvent } from '@sveltejs/kit';

/** Reads a multipart form: text fields as strings, files by name. */
export async function readMultipart(event: RequestEvent): Promise<{ fields: Record<string, string>; files: Record<string, File> }> {
  let data: FormData;
  try {
    data = await event.request.formData();
  } catch {
    error(400, 'Malformed form data');
  }
  const fields: Record<string, string> = {};
  const files: Record<string, File> = {};
  for (const [key, value] of data) {
    if (typeof value === 'string') fields[key] = value;
    else files[key] = value;
  }
  return { fields, files };
}
