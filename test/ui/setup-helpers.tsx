/** Persona fixtures for the setup, editor and settings screen tests (written for these tests). */
import type { LoadedPersona } from '../../src/core/personas/load.js';
import type { Persona } from '../../src/core/personas/schema.js';

export function seekerPersona(overrides: Partial<Persona> = {}): Persona {
  return {
    id: 'night-shift-nurse',
    role: 'seeker',
    name: 'Ines Morales',
    age_band: '35-44',
    gender: 'woman',
    occupation: 'night-shift nurse',
    description: 'Careful and warm, keeps worries to herself until they spill over.',
    hexaco: { H: 4, E: 4.5, X: 2, A: 4, C: 3.5, O: 3 },
    csi: {
      expressiveness: 2,
      preciseness: 4,
      verbal_aggressiveness: 1.5,
      questioningness: 3,
      emotionality: 4.5,
      impression_manipulativeness: 1,
    },
    emotion_type: 'anxiety',
    problem_type: 'sleep problems',
    situation: 'Rotating shifts have wrecked her sleep and she fears making a mistake on the ward.',
    initial_intensity: 4,
    ...overrides,
  };
}

export function supporterPersona(overrides: Partial<Persona> = {}): Persona {
  return {
    id: 'retired-teacher',
    role: 'supporter',
    name: 'Walter Okafor',
    age_band: '65+',
    occupation: 'retired teacher',
    description: 'Patient listener who asks one good question at a time.',
    hexaco: { H: 4.5, E: 2.5, X: 3, A: 5, C: 4, O: 4 },
    csi: {
      expressiveness: 3,
      preciseness: 4,
      verbal_aggressiveness: 1,
      questioningness: 4.5,
      emotionality: 2.5,
      impression_manipulativeness: 1,
    },
    ...overrides,
  };
}

export function loaded(persona: Persona, source: 'bundled' | 'user' = 'bundled'): LoadedPersona {
  return { persona, file: `/lib/${persona.id}.yaml`, source };
}
