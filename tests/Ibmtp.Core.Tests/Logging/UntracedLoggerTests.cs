using System.Diagnostics;
using Ibmtp.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Ibmtp.Tests.Logging;

/// <summary>
/// The helper's logger writes what Serilog's would, at the same levels, but never asks for the current
/// activity: its first use reads /dev/urandom, which a chroot may lack.
/// </summary>
[TestFixture]
public sealed class UntracedLoggerTests
{
    private sealed class Collected : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    [Test]
    public void Events_are_written_at_the_minimum_level_and_above_without_the_current_activitys_trace()
    {
        var sink = new Collected();
        using var untraced = new UntracedLogger(new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(sink).CreateLogger());
        using var activity = new Activity("a caller's trace").Start();

        untraced.Debug("below the minimum");
        untraced.Information("get {Host}: not served", "docker.io");
        untraced.Error(new IOException("disk full"), "{Action} failed", "store");

        Assert.That(Activity.Current, Is.SameAs(activity));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sink.Events.Select(e => (e.Level, e.RenderMessage())), Is.EqualTo(new[]
            {
                (LogEventLevel.Information, "get \"docker.io\": not served"),
                (LogEventLevel.Error, "\"store\" failed"),
            }));
            Assert.That(sink.Events[1].Exception, Is.TypeOf<IOException>());
            Assert.That(sink.Events.Select(e => e.TraceId), Has.All.Null);
            Assert.That(sink.Events.Select(e => e.SpanId), Has.All.Null);
        }
    }
}
