using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Ibmtp.Emulators;

/// <summary>One queued failure: an IAM-shaped error with the given status, and a Retry-After header when one was asked for.</summary>
internal sealed record InjectedFailure(int StatusCode, TimeSpan? RetryAfter) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (RetryAfter is { } retryAfter)
        {
            // Retry-After carries whole seconds; rounding down could tell a client to come back too early.
            httpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var error = new IamError(StatusCode, $"BXNIM0{StatusCode}E", ReasonPhrases.GetReasonPhrase(StatusCode));
        return error.ExecuteAsync(httpContext);
    }
}
