namespace Ibmtp.Fuzz.Targets;

/// <summary>
/// The input as stdin of one docker-protocol action (get, store, erase or list), in a home with a
/// known keystore: the action answers within the protocol, only a successful store or erase may
/// change the keystore, and whatever happened the keystore can still be listed.
/// </summary>
public sealed class ProtocolActionTarget(string action) : IFuzzTarget
{
    private readonly FuzzHome _home = new();

    private bool MayWrite => action is "store" or "erase";

    public void Check(byte[] input)
    {
        _home.Reset();
        var before = _home.Stored();

        var outcome = HelperCall.Run(_home.Environment, action, input).RequireHandled();

        if (!MayWrite || !outcome.Succeeded)
            before.RequireUnchangedBy(_home.Stored(), outcome.Succeeded ? action : $"a failed {action}");
        HelperCall.Run(_home.Environment, "list", []).RequireHandled().RequireSuccess($"the keystore was readable before {action}");
    }

    public void Dispose() => _home.Dispose();
}
