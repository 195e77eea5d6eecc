namespace Ibmtp.Frontends;

/// <summary>How a client's call ended when it did not fail.</summary>
public enum Outcome
{
    /// <summary>The answer is written.</summary>
    Answered,

    /// <summary>Nothing is there for the request; the front end tells so in its own form.</summary>
    NothingFound,
}
