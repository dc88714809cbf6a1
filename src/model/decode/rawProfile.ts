// The wire pass's output: columns that still hold wire ids and string-table indices, filled by the
// readers of each message (readWireColumns.ts, readSamples.ts, readLocationsAndFunctions.ts) and turned
// into a Profile by resolveWireIds.ts.
import type { GrowableF64, GrowableI32, GrowableU64 } from '../base/growableColumns';

export interface RawProfile {
  strings: string[];
  sampleTypes: number[]; // pairs: type, unit (string indices)
  // samples
  sampleLocStart: GrowableI32;
  /** Location ids as id - 1 (see pushLocationId in readSamples.ts). */
  sampleLocIds: GrowableI32;
  bigLocIds: number[];
  /** The largest location id below 2^31 that a sample uses. */
  maxLocId: number;
  /** Whether a sample uses location id 0 or an id above 2^31-1. */
  oddLocIds: boolean;
  sampleValueStart: GrowableI32;
  sampleValues: GrowableF64;
  labelStart: GrowableI32;
  labelKey: GrowableI32;
  labelStr: GrowableI32;
  labelNum: GrowableF64;
  labelUnit: GrowableI32;
  // mappings
  mappingIds: number[];
  mappingNums: bigint[]; // start, limit, offset per mapping
  mappingStrs: number[]; // file, buildId per mapping
  mappingFlags: number[]; // bit 0..3: functions, filenames, line numbers, inline frames
  // locations
  locIds: GrowableF64;
  locMappingIds: GrowableF64;
  locAddress: GrowableU64;
  locIsFolded: GrowableI32;
  locLineStart: GrowableI32;
  lineFuncIds: GrowableF64;
  lineNumbers: GrowableF64;
  // functions
  funcIds: GrowableF64;
  funcStrs: GrowableI32; // name, systemName, file per function
  funcStartLine: GrowableF64;
  dropFrames: number;
  keepFrames: number;
  timeNanos: number;
  durationNanos: number;
  periodType: [number, number] | undefined;
  period: number;
  comments: number[];
  defaultSampleType: number;
  /** How the sample columns are made (DecodeHow in readWireColumns.ts), which resolveWireIds follows for labelStart. */
  sampleColumns: { readonly shared: boolean; readonly room: number };
  /** Where the decoder has got to in the samples, for a thread touching their pages ahead (DecodeHow.touchAhead). */
  progress: Int32Array | undefined;
}
