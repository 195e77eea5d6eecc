using Ibmtp.Composition;
using Ibmtp.Platform;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>A throwaway home, and the context and services <c>doctor</c> builds its checks from, made once the test has set its variables.</summary>
public abstract class CheckFixture : TempHomeFixture
{
    private HelperContext? _context;
    private HelperServices? _services;

    protected HelperContext Context => _context ??= new HelperContext
    {
        Environment = Home.Environment,
        Input = Stream.Null,
        Output = new LineWriter(Stream.Null),
        Error = new LineWriter(Stream.Null),
        Time = Time,
    };

    /// <summary>The clock the checks read; set it before the first use of <see cref="Context"/>.</summary>
    protected TimeProvider Time { get; set; } = TimeProvider.System;

    protected HelperServices Services => _services ??= HelperServices.Create(Context);

    [TearDown]
    public void DisposeServices()
    {
        _services?.Dispose();
        _services = null;
        _context = null;
        Time = TimeProvider.System;
    }
}
