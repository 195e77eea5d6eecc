using System.Text;
using Microsoft.Extensions.Primitives;

namespace Ibmtp.Emulators;

/// <summary>
/// The public OAuth client of the IBM Cloud CLI, <c>bx</c> with secret <c>bx</c>: the passcode and refresh grants must
/// carry it as <c>Authorization: Basic</c>, as <c>ibmcloud login --sso</c> sends it.
/// </summary>
internal static class PublicClient
{
    private static readonly string Credentials = Convert.ToBase64String(Encoding.ASCII.GetBytes("bx:bx"));

    public static bool IsIn(StringValues authorization) =>
        authorization.Count == 1
        && authorization[0]?.Split(' ', 2) is [var scheme, var credentials]
        && scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
        && credentials.Trim() == Credentials;
}
