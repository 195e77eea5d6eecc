using Serilog.Core;
using Serilog.Events;

namespace Ibmtp.Logging;

/// <summary>
/// Serilog's logger without the trace context it stamps on each event. Serilog reads
/// <c>Activity.Current</c> for every event it writes, and the first read runs
/// <c>System.Diagnostics.Activity</c>'s static constructor, which draws a GUID from /dev/urandom: in a
/// chroot without that device the read throws, and would end every call that logs. The helper starts
/// no activities, so the context is always empty; leaving it out also spares every call that work.
/// </summary>
public sealed class UntracedLogger(Logger inner) : IDisposable
{
    // The level methods the helper calls, each a direct call. Through Serilog's ILogger, which this class does
    // not implement, a generic one is a generic virtual method, which the native binary resolves at run time
    // (about 150,000 instructions the first time each is called; ArchitectureTests keeps ILogger out of the
    // core). A generic call of another shape does not compile until it is added here; Debug's params
    // overload takes any number of values, boxed.
    public void Debug(string messageTemplate) => Write(LogEventLevel.Debug, null, messageTemplate, null);
    public void Debug(string messageTemplate, params object?[]? propertyValues) => Write(LogEventLevel.Debug, null, messageTemplate, propertyValues);
    public void Debug<T0, T1>(string messageTemplate, T0 propertyValue0, T1 propertyValue1) => Write(LogEventLevel.Debug, null, messageTemplate, [propertyValue0, propertyValue1]);
    public void Debug<T0, T1, T2>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2) =>
        Write(LogEventLevel.Debug, null, messageTemplate, [propertyValue0, propertyValue1, propertyValue2]);

    public void Information<T>(string messageTemplate, T propertyValue) => Write(LogEventLevel.Information, null, messageTemplate, [propertyValue]);
    public void Information<T0, T1>(string messageTemplate, T0 propertyValue0, T1 propertyValue1) => Write(LogEventLevel.Information, null, messageTemplate, [propertyValue0, propertyValue1]);
    public void Information<T0, T1, T2>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2) =>
        Write(LogEventLevel.Information, null, messageTemplate, [propertyValue0, propertyValue1, propertyValue2]);

    public void Warning<T>(string messageTemplate, T propertyValue) => Write(LogEventLevel.Warning, null, messageTemplate, [propertyValue]);
    public void Warning<T0, T1>(string messageTemplate, T0 propertyValue0, T1 propertyValue1) => Write(LogEventLevel.Warning, null, messageTemplate, [propertyValue0, propertyValue1]);

    public void Error<T0, T1>(string messageTemplate, T0 propertyValue0, T1 propertyValue1) => Write(LogEventLevel.Error, null, messageTemplate, [propertyValue0, propertyValue1]);

    public void Error<T>(Exception? exception, string messageTemplate, T propertyValue) => Write(LogEventLevel.Error, exception, messageTemplate, [propertyValue]);

    private void Write(LogEventLevel level, Exception? exception, string messageTemplate, object?[]? propertyValues)
    {
        if (inner.IsEnabled(level) && inner.BindMessageTemplate(messageTemplate, propertyValues, out var template, out var properties))
            inner.Write(new LogEvent(DateTimeOffset.Now, level, exception, template, properties));
    }

    public void Dispose() => inner.Dispose();
}
