using System.Text;

namespace Ibmtp.Storage;

/// <summary>A username and secret saved by <c>store</c>.</summary>
public sealed record StoredLogin(string Username, string Secret)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Username = {Username}, Secret = ***");
        return true;
    }
}
