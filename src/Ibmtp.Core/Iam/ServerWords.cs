using System.Net;
using System.Text.RegularExpressions;
using Ibmtp.Secrets;
using RestSharp;

namespace Ibmtp.Iam;

/// <summary>
/// What a server said in an error answer, as one short line: IAM's <c>errorCode</c>, <c>errorMessage</c>
/// and <c>errorDetails</c> (the whole diagnosis of a refused trust), the VPC API's first
/// <c>errors[].code</c> and <c>message</c>, or else an excerpt of the body a proxy or gateway sent as
/// plain text or HTML, with the tags stripped and the spaces collapsed. Always redacted and cut.
/// </summary>
internal static partial class ServerWords
{
    /// <summary>Enough for a gateway's sentence or a page's title and first line, short enough for one line of a message.</summary>
    public const int LongestExcerpt = 200;

    /// <summary>The server's words, or null when its answer had none (no body, or only markup).</summary>
    public static string? Of(RestResponse response)
    {
        if (HttpClients.ReadJson(response, IamJsonContext.Default.IamErrorResponse) is { } iam
            && Joined(HttpClients.Excerpt(iam.ErrorCode, 64), HttpClients.Excerpt(iam.ErrorMessage), HttpClients.Excerpt(iam.ErrorDetails, 500)) is { } iamWords)
            return iamWords;
        if (HttpClients.ReadJson(response, IamJsonContext.Default.VpcErrorResponse)?.Errors?.FirstOrDefault() is { } vpc
            && Joined(HttpClients.Excerpt(vpc.Code, 64), HttpClients.Excerpt(vpc.Message)) is { } vpcWords)
            return vpcWords;
        return Excerpt(response.Content, IsHtml(response));
    }

    /// <summary>The parts that are there, one space between each: a missing part leaves no double space.</summary>
    public static string? Joined(params string?[] parts)
    {
        var present = parts.Where(part => !string.IsNullOrWhiteSpace(part)).ToArray();
        return present.Length == 0 ? null : string.Join(' ', present);
    }

    /// <summary>A body as a short line: secrets blanked first, then tags stripped (for HTML), entities decoded, spaces collapsed, and cut.</summary>
    internal static string? Excerpt(string? body, bool html)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        // Redacted before anything else, so that no stripping or cutting can leave part of a secret the redactor no longer knows.
        var text = SecretRedactor.Redact(body);
        if (html)
            text = WebUtility.HtmlDecode(Tag().Replace(NotShown().Replace(text, " "), " "));
        text = Whitespace().Replace(text, " ").Trim();
        // An empty JSON answer says nothing either.
        return text is "" or "{}" or "[]" or "null" ? null : SafeLine.Of(text, LongestExcerpt);
    }

    private static bool IsHtml(RestResponse response) =>
        response.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true
        || response.Content?.TrimStart().StartsWith('<') == true;

    // A page's head, scripts, styles and comments are not its words. Each element is spelled out rather than
    // closed by a backreference: the generator cannot compile a case-insensitive backreference, and its fallback,
    // a Regex built at run time, links the regex interpreter, whose static fields every start sets up.
    [GeneratedRegex(@"<head\b.*?</head\s*>|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex NotShown();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
