namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>Reads an upload without trusting its announced size: evidence documents and logos alike.</summary>
public static class BoundedUpload
{
    /// <summary>All bytes of <paramref name="content"/>, or null as soon as more than <paramref name="maxBytes"/> were read (the rest is left unread).</summary>
    public static async Task<byte[]?> ReadAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
