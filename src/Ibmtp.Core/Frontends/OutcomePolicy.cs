using Ibmtp.Composition;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Frontends;

/// <summary>
/// The one outcome policy of every front end: how each way a call ends is told, and its exit status.
/// An answer exits 0; nothing found takes the front end's own form. A failure is one line on the front
/// end's failure sink with exit 1: a <see cref="HelperException"/>'s message, which already says what to
/// do; else the system's message for an I/O fault, or "unexpected", the type and the message for any
/// other fault. The line never holds a secret, a control character or more than
/// <see cref="SafeLine.LongestLine"/> characters (see <see cref="SafeLine"/>).
/// </summary>
public sealed class OutcomePolicy
{
    public const int Success = 0;
    public const int Failure = 1;

    private readonly LineWriter _failures;
    private readonly string _action;
    private readonly bool _forPerson;

    private OutcomePolicy(LineWriter failures, string action, bool forPerson)
    {
        _failures = failures;
        _action = action;
        _forPerson = forPerson;
    }

    /// <summary>
    /// For a client (docker, podman, the kubelet), which shows the line among its own words: a fault
    /// that does not say what failed is named after the action, and every fault, a bug too, ends as
    /// that one line, since a client passes on no stack trace.
    /// </summary>
    public static OutcomePolicy ForClient(LineWriter failures, string action) => new(failures, action, forPerson: false);

    /// <summary>
    /// For a person at a terminal: every line starts with the program and the command, as a shell
    /// tool's error does. A bug is left to <c>HelperApp.Run</c>, which tells it in a line
    /// of its own: its type and message.
    /// </summary>
    public static OutcomePolicy ForPerson(LineWriter failures, string command) => new(failures, command, forPerson: true);

    /// <param name="handle">Answers the call, or says that nothing is there.</param>
    /// <param name="nothingFound">The front end's own form of "nothing is there": tells the client so and returns the exit status.</param>
    /// <param name="services">Created by the call as it needs them: their log records a failure, and they are disposed of at the end.</param>
    public int Run(Func<Outcome> handle, Func<int> nothingFound, Lazy<HelperServices> services) =>
        Run(() => handle() == Outcome.Answered ? Success : nothingFound(), services);

    /// <param name="body">Answers the call and chooses its exit status.</param>
    /// <param name="services">As for the other overload; none for a call that builds none.</param>
    public int Run(Func<int> body, Lazy<HelperServices>? services = null)
    {
        try
        {
            return body();
        }
        catch (Exception fault) when (!_forPerson || IsExpected(fault))
        {
            if (services is { IsValueCreated: true })
            {
                if (IsExpected(fault))
                    services.Value.Log.Error("{Action} failed: {Message}", _action, fault.Message);
                else
                    services.Value.Log.Error(fault, "{Action} failed unexpectedly", _action);
            }
            return Fail(Describe(fault));
        }
        finally
        {
            if (services is { IsValueCreated: true })
                services.Value.Dispose();
        }
    }

    public int Fail(string message)
    {
        var line = _forPerson ? $"{HelperInfo.Name} {_action}: {message}" : message;
        // The message can carry a keyring's or a server's own words: they are made one safe line like any other outside text.
        _failures.WriteLine(SafeLine.Of(line));
        return Failure;
    }

    private string Describe(Exception fault) => fault switch
    {
        HelperException => fault.Message,
        IOException or UnauthorizedAccessException => _forPerson ? fault.Message : $"{_action}: {fault.Message}",
        _ => $"{_action}: unexpected {fault.GetType().Name}: {fault.Message}",
    };

    private static bool IsExpected(Exception fault) => fault is HelperException or IOException or UnauthorizedAccessException;
}
