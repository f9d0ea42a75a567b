using Microsoft.Extensions.Logging;
using NetOps.Capture;
using NetOps.Capture.Live;

namespace NetOps.Collector.Capture;

public sealed partial class CaptureSource
{
    /// <summary>The capture thread: open, read until stopped or failed, and again after a failure.</summary>
    private void CaptureLoop()
    {
        while (!_stopping.IsSet)
        {
            LiveCapture capture;
            try
            {
                capture = _open();
            }
            catch (Exception e)
            {
                Failed(e.Message);
                continue;
            }
            lock (_gate)
            {
                if (_stopping.IsSet)
                {
                    capture.Dispose();
                    break;
                }
                _capture = capture;
            }
            _linkType = LinkTypes.Describe((uint)capture.LinkType);
            _state = "capturing";
            _logger.LogInformation("Capturing on {Interface}: {LinkType}, snaplen {Snaplen}, {Precision} timestamps",
                capture.Source, _linkType, capture.Snaplen, capture.NanosecondTimestamps ? "nanosecond" : "microsecond");
            if (capture.Warning is { } warning)
                _logger.LogWarning("libpcap warns about {Interface}: {Warning}", capture.Source, warning);

            Read(capture);

            lock (_gate)
            {
                _closed += CaptureCounters.Of(capture);
                _capture = null;
                capture.Dispose();
            }
            if (capture.Failure is { } failure)
                Failed(failure);
        }
        _consumer.OnEnd();
    }

    private void Read(LiveCapture capture)
    {
        while (true)
        {
            switch (capture.Read(out var header, out var frame))
            {
                case LiveRead.Frame:
                    if (header.CapturedLength < header.OriginalLength)
                        Interlocked.Increment(ref _truncated);
                    try
                    {
                        _consumer.OnFrame(header, frame);
                    }
                    catch (Exception e)
                    {
                        ConsumerFailed(e);
                    }
                    break;
                case LiveRead.Timeout:
                    try
                    {
                        _consumer.OnIdle((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100);
                    }
                    catch (Exception e)
                    {
                        ConsumerFailed(e);
                    }
                    break;
                default:
                    return;
            }
        }
    }

    private void ConsumerFailed(Exception e)
    {
        if (Interlocked.Increment(ref _consumerErrors) == 1)
            _logger.LogError(e, "Analysis of a frame from {Interface} threw; the frame is skipped and such frames counted (consumer_errors)", _options.Interface);
    }

    /// <summary>The capture could not be opened or failed: say why, and wait before the next attempt.</summary>
    private void Failed(string reason)
    {
        Interlocked.Increment(ref _failures);
        _error = reason;
        _state = "down";
        _linkType = "";
        if (_stopping.IsSet)
            return;
        _logger.LogError("Cannot capture on {Interface}: {Reason}; trying again in {Delay}", _options.Interface, reason, _options.ReopenDelay);
        _stopping.Wait(_options.ReopenDelay);
    }
}
