using System.Net;
using System.Security.Authentication;
using Ibmtp.Configuration;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Ibmtp.Tokens;
using RestSharp;

namespace Ibmtp.Iam;

/// <summary>
/// Sends a request until it gets an answer worth acting on: 429, 5xx and connection failures (a proxy's 429 or
/// 5xx to its CONNECT among them) are retried with exponential back-off and jitter, honouring Retry-After, all
/// within the deadline. Any other answer, success or rejection, goes back to the caller; a failure that will not
/// change by asking again (an untrusted certificate, a redirect, a proxy refusing the tunnel) ends the call at once.
/// </summary>
public sealed class RetryingSender(TimeProvider time, UntracedLogger log)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(5);

    public async Task<RestResponse> SendAsync(RestClient client, Func<RestRequest> createRequest, string service, Deadline deadline)
    {
        var started = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var request = createRequest();
            request.Timeout = deadline.Remaining;
            var response = await client.ExecuteAsync(request, deadline.Token).ConfigureAwait(false);
            if (FindFailure<ResponseTooLargeException>(response) is { } tooLarge)
                throw new HelperException($"{service}: {tooLarge.Message}; check the URL");
            if (FindFailure<AuthenticationException>(response) is { } tlsFailure)
            {
                // An untrusted certificate will not become trusted by asking again, and the user must see why.
                throw new HelperException(
                    $"{service}: the TLS connection is not trusted ({tlsFailure.Message.ReplaceLineEndings(" ")}); " +
                    "check the URL and the system's CA certificates (SSL_CERT_FILE / SSL_CERT_DIR)");
            }
            var refusal = TunnelRefusal.Of(FindFailure<HttpRequestException>(response), client.Options.Proxy, client.BuildUri(request));
            if (refusal is { IsTransient: false })
                throw new HelperException($"{service}: {refusal}; {refusal.Advice}");
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                var target = HttpClients.Header(response, "Location");
                throw new HelperException(
                    $"{service} answered with a redirect (HTTP {(int)response.StatusCode}) to {HttpClients.Excerpt(target ?? "nowhere", 200)}; credentials are never sent on to another address: set the URL to the final one");
            }
            if (!IsRetryable(response))
                return response;

            // Retry-After is a floor: "0" or a date in the past must not turn the loop into a busy one.
            var backoff = Backoff(attempt);
            var wait = RetryAfter(response) is { } asked && asked > backoff ? asked : backoff;
            // .NET's words for a refused tunnel name the proxy with its user and password: ours name its host and port.
            var said = refusal?.ToString() ?? Describe(response);
            log.Debug("{Service}: attempt {Attempt} got {Outcome}; retrying in {Wait} ms", service, attempt, said, (int)wait.TotalMilliseconds);
            if (deadline.Token.IsCancellationRequested || wait >= deadline.Remaining)
            {
                var elapsed = (time.GetUtcNow() - started).TotalSeconds;
                // A request the deadline cut short fails with only "A task was canceled.", which tells a person nothing.
                var outcome = refusal is null && GotNoAnswer(response) && deadline.Token.IsCancellationRequested ? "no answer before the deadline" : said;
                throw new IamUnavailableException(
                    $"{service} is unavailable: {outcome} after {(attempt == 1 ? "1 attempt" : $"{attempt} attempts")} in {(elapsed < 1 ? $"{elapsed * 1000:0} ms" : $"{elapsed:0.#} s")} (deadline {deadline.Timeout.TotalSeconds:0.#} s); {deadline.CappedBy?.Advice ?? $"try again later, or raise {SettingsTable.Timeout.Variable}"}");
            }
            await Task.Delay(wait, time, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // RestSharp marks HTTP error statuses as failed responses too; only a zero status means no answer arrived.
    private static bool GotNoAnswer(RestResponse response) => response.StatusCode == 0;

    private static bool IsRetryable(RestResponse response) =>
        GotNoAnswer(response)
        || response.StatusCode == HttpStatusCode.TooManyRequests
        || (int)response.StatusCode >= 500;

    private static TException? FindFailure<TException>(RestResponse response)
        where TException : Exception
    {
        for (var error = response.ErrorException; error is not null; error = error.InnerException)
        {
            if (error is TException failure)
                return failure;
        }
        return null;
    }

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(FirstBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1), LongestBackoff.TotalMilliseconds);
        // "Equal jitter": at least half the ceiling, so parallel callers spread out but still back off.
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    private TimeSpan? RetryAfter(RestResponse response)
    {
        var header = HttpClients.Header(response, "Retry-After");
        if (header is null)
            return null;
        if (int.TryParse(header, out var seconds))
            return TimeSpan.FromSeconds(Math.Max(seconds, 0));
        return DateTimeOffset.TryParse(header, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? (at - time.GetUtcNow()) is var until && until > TimeSpan.Zero ? until : TimeSpan.Zero
            : null;
    }

    private static string Describe(RestResponse response) =>
        GotNoAnswer(response)
            ? response.ErrorException?.GetBaseException().Message.ReplaceLineEndings(" ") ?? response.ResponseStatus.ToString()
            : ServerWords.Of(response) is { } said ? $"HTTP {(int)response.StatusCode} ({said})" : $"HTTP {(int)response.StatusCode}";
}
