namespace Ibmtp.Iam;

/// <summary>
/// Reads every response body whole, after decompression, up to a limit, within the call's
/// cancellation: an endless body, a huge one or a gzip bomb from a hostile or broken server fails
/// with <see cref="ResponseTooLargeException"/> instead of filling memory or outliving the deadline.
/// IAM's and the metadata service's answers are a few kilobytes.
/// </summary>
public sealed class BoundedResponseHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const int LargestBody = 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var bounded = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers.Where(header => header.Key is not ("Content-Length" or "Content-Encoding")))
            bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content.Dispose();
        response.Content = bounded;
        return response;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > LargestBody)
                throw new ResponseTooLargeException($"the answer is larger than {LargestBody / 1024} KiB, far larger than any token response");
        }
        return body.ToArray();
    }
}
