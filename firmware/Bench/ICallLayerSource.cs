using DeskPhone.Domain.Calls;
using DeskPhone.Firmware.Completion;

namespace DeskPhone.Firmware.Bench
{
    /// <summary>
    /// The call layer as the phone builds it, on its first use (firmware/App/CallLayer): the bench's call routes ask for
    /// it, and GET /api/calls answers "no call" (<c>[]</c>) without building it.
    /// </summary>
    public interface ICallLayerSource
    {
        /// <summary>Whether the layer exists.</summary>
        bool HasCalls { get; }

        /// <summary>The call logic, built by this use when needed; null when the heap cannot hold it.</summary>
        PhoneCalls Calls { get; }

        /// <summary>Call completion, built with the layer; null when it cannot be built.</summary>
        CallCompletion Completion { get; }
    }
}
