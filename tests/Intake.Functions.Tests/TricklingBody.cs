namespace Intake.Functions.Tests;

/// <summary>
/// A request body that arrives only as the test lets it: each read waits until the test hands out
/// the next bytes (<see cref="Send"/>), or until the reader cancels. No clock, no sleep: the test
/// decides when each byte "arrives".
/// </summary>
internal sealed class TricklingBody(byte[] content) : Stream
{
    private readonly SemaphoreSlim _sent = new(0);
    private readonly object _gate = new();
    private TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _allowed;
    private int _position;

    /// <summary>Bytes the reader has taken so far.</summary>
    public int Delivered => Volatile.Read(ref _position);

    /// <summary>Completes when the reader is waiting for bytes that have not been sent.</summary>
    public Task Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Task;
            }
        }
    }

    /// <summary>Lets <paramref name="bytes"/> more bytes arrive.</summary>
    public void Send(int bytes)
    {
        lock (_gate)
        {
            _allowed += bytes;
            _waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _sent.Release();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_position == content.Length)
                {
                    return 0;
                }
                var available = Math.Min(_allowed - _position, buffer.Length);
                if (available > 0)
                {
                    content.AsMemory(_position, available).CopyTo(buffer);
                    _position += available;
                    return available;
                }
                _waiting.TrySetResult();
            }
            await _sent.WaitAsync(cancellationToken);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The body is read asynchronously.");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => content.Length;
    public override long Position { get => Delivered; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sent.Dispose();
        }
        base.Dispose(disposing);
    }
}
