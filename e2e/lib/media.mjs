// Media made on the spot for the browser specs (no binary fixtures in the repository).

/**
 * A mono 16-bit PCM WAV of `seconds` at 8 kHz: a 440 Hz tone whose loudness changes every
 * second, so the waveform has a visible shape.
 */
export function wav(seconds = 20) {
  const rate = 8000;
  const frames = rate * seconds;
  const buf = Buffer.alloc(44 + frames * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + frames * 2, 4);
  buf.write('WAVE', 8);
  buf.write('fmt ', 12);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(frames * 2, 40);
  for (let i = 0; i < frames; i += 1) {
    const second = Math.floor(i / rate);
    const level = 0.15 + 0.8 * Math.abs(Math.sin(second * 0.7));
    const sample = Math.sin((2 * Math.PI * 440 * i) / rate) * level;
    buf.writeInt16LE(Math.round(sample * 32767), 44 + i * 2);
  }
  return buf;
}
