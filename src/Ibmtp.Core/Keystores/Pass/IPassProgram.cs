namespace Ibmtp.Keystores.Pass;

/// <summary>The <c>pass</c> command.</summary>
public interface IPassProgram
{
    /// <summary>Throws a <see cref="HelperException"/> that says how to install pass when it is not there.</summary>
    void RequireInstalled();

    /// <summary>
    /// Runs pass with <paramref name="arguments"/>, writing <paramref name="input"/> to its stdin, and waits for it
    /// within the command's deadline; throws a <see cref="HelperException"/> when pass outlives it or prints more than a login.
    /// </summary>
    PassResult Run(IReadOnlyList<string> arguments, string? input = null);
}
