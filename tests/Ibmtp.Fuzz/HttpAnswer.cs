using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ibmtp.Iam;
using RestSharp;

namespace Ibmtp.Fuzz;

/// <summary>
/// The input as a server's answer: an optional first line with the HTTP status (200 without one),
/// then the body. Statuses the helper retries (429 and 5xx) are read as 200: the fuzzer would only
/// wait out back-offs, and the retries are covered by IamClientTests.
/// </summary>
public sealed class HttpAnswer
{
    private HttpAnswer(HttpStatusCode status, byte[] body)
    {
        Status = status;
        Body = body;
    }

    public HttpStatusCode Status { get; }

    public byte[] Body { get; }

    public static HttpAnswer From(byte[] input)
    {
        var lineEnd = Array.IndexOf(input, (byte)'\n');
        if (lineEnd is > 0 and <= 4 && int.TryParse(Encoding.ASCII.GetString(input, 0, lineEnd), out var status))
            return new HttpAnswer(IsAnswer(status) ? (HttpStatusCode)status : HttpStatusCode.OK, input[(lineEnd + 1)..]);
        return new HttpAnswer(HttpStatusCode.OK, input);
    }

    /// <summary>A client that gets this answer to every request, through the same size-bounded reading as the helper's own clients.</summary>
    public RestClient Client(Uri baseUrl) =>
        new(new RestClientOptions(baseUrl)
        {
            ConfigureMessageHandler = _ => new BoundedResponseHandler(new AnsweringHandler(this)),
            Timeout = Timeout.InfiniteTimeSpan,
        });

    private static bool IsAnswer(int status) => status is >= 200 and < 500 and not 429;

    private sealed class AnsweringHandler(HttpAnswer answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(answer.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(answer.Status) { Content = content, RequestMessage = request });
        }
    }
}
