using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Ibmtp.Emulators;

/// <summary>
/// One queued failure: an IAM-shaped error with the given status, or the <paramref name="Body"/> a test gave (an IAM error
/// body of IBM's, a proxy's plain text or HTML page), and a Retry-After header when one was asked for.
/// </summary>
internal sealed record InjectedFailure(int StatusCode, TimeSpan? RetryAfter, InjectedBody? Body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (RetryAfter is { } retryAfter)
        {
            // Retry-After carries whole seconds; rounding down could tell a client to come back too early.
            httpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (Body is not null)
        {
            return TypedResults.Text(Body.Content, Body.ContentType, statusCode: StatusCode).ExecuteAsync(httpContext);
        }

        var error = new IamError(StatusCode, $"BXNIM0{StatusCode}E", ReasonPhrases.GetReasonPhrase(StatusCode));
        return error.ExecuteAsync(httpContext);
    }
}
