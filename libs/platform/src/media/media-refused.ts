/** An upload or a media send the Cloud API would refuse: 131052 too large, 131053 not what it claims to be. */
export class MediaRefused extends Error {
  constructor(
    readonly code: 131052 | 131053,
    readonly details: string,
  ) {
    super(details);
  }
}
