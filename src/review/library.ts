/** The saved-review store lives in src/storage (the live screen's export uses it too); the review screen imports it from here. */
export * from '../storage/review-store';
