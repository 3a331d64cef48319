using System;
using System.Threading;

namespace DeskPhone.Boot
{
    public static partial class BootProgram
    {
        /// <summary>
        /// The load profiles' script as a small state machine, so that <see cref="Main"/> polls the phone from its own
        /// frame, as the board's Main does (board/Program.cs: Main > PhoneApp.Poll): <c>while (turns.Turn()) s_app.Poll(s_now);</c>.
        /// <see cref="Turn"/> does the script's work between two polls (the next request to queue, the answer to check,
        /// the step to print) and returns. The tight turns are polled so, no script frame above the phone's loop: the
        /// REGISTER's 200, the INVITE's and the ringing call's, the answered call's first turn and the ACK's, the
        /// MESSAGE/NOTIFY stream and the burst, the BYE's and the 500 ms after it. The other steps (the boot, the BLF
        /// keys, statuses, Infobox, event stream, the call's 3 s, the TCP connections, the idle rest) still run their own
        /// loops (<see cref="Run"/>) one frame under <see cref="Turn"/>. Each frame the harness kept above PhoneApp.Poll
        /// was heap the board does not spend: RunProfile's and RunMessages' (588 B) under each of the stream's lowest
        /// collections on the board's heap (h-harness).
        /// </summary>
        private sealed class ProfileTurns
        {
            // The phases of a profile, in order (see Turn).
            private const int Begin = 0;
            private const int Registered = 1;
            private const int Invited = 2;
            private const int Ringing = 3;
            private const int CallAnswered = 4;
            private const int Acked = 5;
            private const int NextRequest = 6;
            private const int MessageDone = 7;
            private const int NotifyDone = 8;
            private const int CallEnd = 9;
            private const int End = 10;

            // _state: the phase (4 bits), the profile's index (4 bits) and these flags. The object is held from the first
            // profile to the last, under every turn: one field a figure was 12 B more of every collection (h-harness).
            private const int Dialogs = 1 << 8;
            private const int Call = 1 << 9;
            private const int Burst = 1 << 10;

            private int _state;
            private LoadProfile _p;
            private ManualResetEvent _release;

            // The turns polled for the phase: _left at least, until s_now reaches _until, and while the wire still holds a
            // message for the inbox (_waiting: turns it waited; 2 s of them without a packet for it: no heap for one).
            private int _left;
            private long _until;
            private int _waiting;

            // The stream's or the burst's request, its end and counts (RunMessages' locals were, h-harness); before the
            // stream _sent holds the REGISTERs answered.
            private ScriptRequest _request;
            private long _end;
            private int _sent;
            private int _refused;

            /// <summary>
            /// The script's work before the phone's next turn: false when every profile ran. Advances the clock and puts
            /// what the script sent in the inbox, as the board's loop receives before it polls.
            /// </summary>
            public bool Turn()
            {
                // The bench event stream's pump (after the phone's turn), sending each frame to its client.
                while (s_events != null && s_events.Take() != null)
                {
                }
                // The script's work between the phase's turns, phase after phase (in this frame: the steps that run loops
                // of their own, as the BLF keys' and the call's, poll the phone one frame under it).
                while (_left <= 0 && s_now >= _until && (s_wire == null || s_wire.Queued == 0))
                {
                    LoadProfile p = _p;
                    int phase = _state & 15;
                    if (phase == Begin)
                    {
                        // The boot's phone (or the last profile's) is unreachable from here on: each profile starts on an empty heap.
                        Drop();
                        if ((_state >> 4 & 15) == LoadProfile.Count)
                        {
                            Console.WriteLine("load done");
                            return false;
                        }
                        _state &= 0xF0;
                        _p = LoadProfile.Of(_state >> 4);
                        Console.WriteLine("load profile=" + _p.Name + " begin");
                        _release = new ManualResetEvent(false);
                        _sent = Prepare(_p);
                        // The turn that takes the REGISTER's 200 (the profiles' tightest moment on the board's heap).
                        Poll(1, Registered);
                    }
                    else if (phase == Registered)
                    {
                        Register(p, _sent);
                        Set(Dialogs, RunLoad(p));
                        if (p.Call)
                        {
                            s_step = "call";
                            Invite();
                        }
                        // The INVITE's turn.
                        Poll(p.Call ? 1 : 0, p.Call ? Invited : Acked);
                    }
                    else if (phase == Invited)
                    {
                        // The 180's checks, the PUBLISH's answer and its turn; a call the phone refused has no more turns.
                        Poll(1, Ringing);
                        if (!Rings())
                        {
                            Poll(0, Acked);
                        }
                    }
                    else if (phase == Ringing)
                    {
                        AnswerRinging(p);
                        Set(Call, true);
                        // The answered call's first turn: its media just started, the call screen's redraw (h-screenturn).
                        Poll(1, CallAnswered);
                    }
                    else if (phase == CallAnswered)
                    {
                        AckCall();
                        Poll(1, Acked);
                    }
                    else if (phase == Acked)
                    {
                        if (Has(Call))
                        {
                            AnswerPublishes();
                        }
                        if (p.Call)
                        {
                            Talk(p, Has(Call));
                        }
                        if (p.TcpConnections > 0)
                        {
                            RunTcp(p, _release);
                        }
                        Start(p.MessageEveryMs == 0);
                    }
                    else if (phase == NextRequest)
                    {
                        NextMessage();
                    }
                    else if (phase == MessageDone || phase == NotifyDone)
                    {
                        CheckAnswer(phase == NotifyDone);
                    }
                    else if (phase == CallEnd)
                    {
                        Poll(0, End);
                        if (Has(Call))
                        {
                            s_step = "call-end";
                            HangUp();
                            // The BYE's turn and the idle screen's redraw after it (under the script's frames that redraw's
                            // glyph read was office's lowest collection at the board's heap, h-screenturn).
                            Poll(CallEndTurns + 1, End);
                        }
                    }
                    else
                    {
                        if (Has(Call))
                        {
                            CallEnded(p, AwaitedStatus());
                        }
                        RunEnd(p);
                        Console.WriteLine("load profile=" + p.Name + " OK");
                        NextProfile();
                    }
                }
                s_now += TurnMs;
                if (s_wire.Receive() == 0)
                {
                    _waiting = 0;
                }
                else if (++_waiting > 200)
                {
                    throw new OutOfMemoryException("no heap for the inbox's packet");
                }
                _left--;
                return true;
            }

            /// <summary>Polls <paramref name="turns"/> turns at least (and while the wire holds a message for the inbox), then <paramref name="phase"/>.</summary>
            private void Poll(int turns, int phase)
            {
                _left = turns;
                _until = 0;
                _waiting = 0;
                _state = _state & ~15 | phase;
            }

            private bool Has(int flag) => (_state & flag) != 0;

            private void Set(int flag, bool on)
            {
                _state = on ? _state | flag : _state & ~flag;
            }

            /// <summary>
            /// The profile ended in <paramref name="e"/> (out of memory, or a failed check; thrown by the phone's turn or the
            /// script's): reported, and the next profile starts.
            /// </summary>
            public void Fault(Exception e)
            {
                _request = null;
                LoadProfile p = _p ?? LoadProfile.Of(_state >> 4 & 15);
                if (e is OutOfMemoryException)
                {
                    // The phone let go first: the report's own strings (the trace split into lines) need heap too.
                    CountRefused();
                    Drop();
                    Console.WriteLine("load profile=" + p.Name + " OUT OF MEMORY in step=" + s_step + Where(e));
                    SayRefused(p, null);
                }
                else
                {
                    Drop();
                    Console.WriteLine("load profile=" + p.Name + " FAILED in step=" + s_step + ": " + e.GetType().FullName + " " + e.Message + Where(e));
                }
                NextProfile();
            }

            /// <summary>The profile's TCP stand-in let go (<see cref="RunTcp"/>), the next profile.</summary>
            private void NextProfile()
            {
                if (_release != null)
                {
                    _release.Set();
                }
                _release = null;
                _p = null;
                _state = (_state & 0xF0) + 16;
                Poll(0, Begin);
            }

            /// <summary>
            /// The stream (a MESSAGE every MessageEveryMs for StreamMs, with a BLF key's NOTIFY) or, with
            /// <paramref name="burst"/>, the burst (MessageBurst MESSAGEs a turn apart) begins, when the profile has it.
            /// </summary>
            private void Start(bool burst)
            {
                LoadProfile p = _p;
                Set(Burst, burst);
                Poll(0, burst && p.MessageBurst == 0 ? CallEnd : NextRequest);
                if (burst && p.MessageBurst == 0)
                {
                    return;
                }
                s_step = burst ? "message-burst" : "messages";
                _request = new ScriptRequest();
                _sent = 0;
                _refused = 0;
                _end = s_now + LoadProfile.StreamMs;
            }

            /// <summary>The stream's or the burst's next MESSAGE (<see cref="ScriptRequest"/>), or its end: its counts and step.</summary>
            private void NextMessage()
            {
                LoadProfile p = _p;
                bool burst = Has(Burst);
                if (burst ? _sent < p.MessageBurst : s_now < _end)
                {
                    _request.SetMessage(++s_branch, 485 + 1 + _sent % p.Identities, _sent);
                    Queue(MessageDone);
                    return;
                }
                // Let go before the step's collection: its figure is the phone's.
                _request = null;
                Console.WriteLine("load profile=" + p.Name + (burst ? " burst=" + p.MessageBurst.ToString() : " messages=" + _sent.ToString() +
                                  " notifies=" + (Has(Dialogs) ? _sent : 0).ToString()) + " refused-503=" + _refused.ToString() +
                                  " to-refused-identities=" + Low(NotTakenOn, 0).ToString());
                Step(p, burst ? "messages-" + p.MessageBurst.ToString() + "-in-timer-j" : "messages-" + _sent.ToString() + "-every-" + p.MessageEveryMs.ToString() + "ms");
                // Then the burst (after the stream), or the call's end.
                if (burst)
                {
                    Poll(0, CallEnd);
                }
                else
                {
                    Start(true);
                }
            }

            /// <summary>
            /// The MESSAGE's answer checked (a 503 counted), then the key's NOTIFY (a key the heap reserve refused has no
            /// subscription to NOTIFY in), or the NOTIFY's answer checked (<paramref name="notify"/>), then the pause to the
            /// next MESSAGE. A method of its own: Turn's frame, one under the steps that run loops of their own, stays small.
            /// </summary>
            private void CheckAnswer(bool notify)
            {
                LoadProfile p = _p;
                int key = Has(Burst) ? 0 : 1 + _sent % p.BlfKeys;
                if (notify)
                {
                    _refused += BootProgram.Answered(AwaitedStatus(), "NOTIFY for BLF key ", key);
                }
                else
                {
                    _refused += BootProgram.Answered(MessageAnswer(AwaitedStatus(), 1 + _sent % p.Identities), "MESSAGE ", _sent);
                    if (Has(Dialogs) && KeyDialogNumber(key) != 0)
                    {
                        _request.SetNotify(++s_branch, key, (_sent / p.BlfKeys) % 2 != 0, 1 + _sent / p.BlfKeys);
                        Queue(NotifyDone);
                        return;
                    }
                }
                // The stream's pause to the next MESSAGE (Run(MessageEveryMs - 2 turns)); none in the burst.
                Poll(Has(Burst) ? 0 : 1, NextRequest);
                _until = Has(Burst) ? 0 : s_now + p.MessageEveryMs - 2 * TurnMs;
                _sent++;
            }

            /// <summary>The request set goes on the wire, its answer awaited: a turn, and more while it waits for an inbox packet.</summary>
            private void Queue(int phase)
            {
                s_wire.Await(s_branch);
                s_wire.Queue(_request, Registrar);
                Poll(1, phase);
            }

            /// <summary>The status the phone answered the request awaited, as <see cref="AnswerTo"/> gives it; the wire awaits none after.</summary>
            private static int AwaitedStatus()
            {
                int status = s_wire.AwaitedStatus;
                s_wire.Await(0);
                return status;
            }
        }

        /// <summary>
        /// A profile's first steps, provisioning to the registrar's answers (queued, not yet taken: the caller polls the
        /// turn that takes them from <see cref="Main"/>); returns how many REGISTERs were answered.
        /// </summary>
        private static int Prepare(LoadProfile p)
        {
            s_step = "provision";
            s_low = null;
            var medium = new FlashSettingsMedium(p);
            Provision(medium, p);
            Step(p, "provisioned");

            s_step = "boot";
            Build(medium, false);
            Step(p, "built");
            Run(1000);
            Step(p, "boot");

            s_step = "register";
            int answered = AnswerPending("REGISTER", null, 200);
            s_wire.Clear();
            return answered;
        }

        /// <summary>
        /// After the REGISTERs' answers were taken: the registration's checks and step.
        /// </summary>
        private static void Register(LoadProfile p, int answered)
        {
            s_wire.Clear();
            // The identities the heap reserve refused (HeapReserve) send no REGISTER and stay unregistered.
            int refused = s_app.Binding.Registrations.RefusedCount;
            Check(answered + refused >= p.Identities, answered.ToString() + " REGISTERs answered and " + refused.ToString() + " refused, expected " + p.Identities.ToString());
            Run(200);
            for (int identity = 1; identity <= p.Identities; identity++)
            {
                Check(s_app.Core.IsRegistered(identity) || s_app.Binding.Registrations.IsRefused(identity), "identity " + identity.ToString() + " not registered");
            }
            Settle();
            Step(p, "register");
        }
    }
}
