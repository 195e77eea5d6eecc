namespace Ibmtp.ClientConfig;

/// <summary>What an auth file makes a client do for a host: run the helper it names, or send the login it holds.</summary>
/// <param name="Kind">Which entry of the file decided.</param>
/// <param name="Name">The helper's name (the part after <c>docker-credential-</c>; empty when an entry names none), or the <c>auths</c> key of the login.</param>
/// <param name="File">The auth file that decided.</param>
public sealed record ClientRoute(ClientRouteKind Kind, string Name, string File)
{
    /// <summary>True when the client runs this helper.</summary>
    public bool RunsThisHelper => Kind is ClientRouteKind.CredHelper or ClientRouteKind.CredsStore && Name == HelperInfo.CredHelperName;
}

/// <summary>The entries of an auth file that send a host somewhere, in the order docker weighs them.</summary>
public enum ClientRouteKind
{
    /// <summary>The host's entry in <c>credHelpers</c>.</summary>
    CredHelper,

    /// <summary><c>credsStore</c>, the helper docker runs for every host without a <c>credHelpers</c> entry.</summary>
    CredsStore,

    /// <summary>A login stored under <c>auths</c> (or at the top level of a legacy <c>~/.dockercfg</c>).</summary>
    StoredLogin,
}
