using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Ibmtp.Emulators;

/// <summary>One <c>scope</c> of a registry token request, <c>type:name:action,action</c>, e.g. <c>repository:team/app:pull,push</c>.</summary>
internal sealed record RegistryScope(string Type, string Name, IReadOnlyList<string> Actions)
{
    public static bool TryParse(string text, [NotNullWhen(true)] out RegistryScope? scope)
    {
        // The name sits between the first and the last colon: it may itself contain a colon (a registry host with a port).
        var firstColon = text.IndexOf(':', StringComparison.Ordinal);
        var lastColon = text.LastIndexOf(':');
        if (firstColon <= 0 || lastColon <= firstColon + 1)
        {
            scope = null;
            return false;
        }

        var actions = text[(lastColon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
        scope = new RegistryScope(text[..firstColon], text[(firstColon + 1)..lastColon], actions);
        return true;
    }

    /// <summary>The entry of the token's <c>access</c> claim that grants this scope.</summary>
    public JsonObject ToAccessClaim() => new()
    {
        ["type"] = Type,
        ["name"] = Name,
        ["actions"] = new JsonArray([.. Actions.Select(action => JsonValue.Create(action))]),
    };
}
