/** Special functions and constants shared by betting, learning, scars and pass rates. */
export { logBeta, logGamma, lowerRegularizedGamma, upperRegularizedGamma } from './gamma';
export { betaMean, betaQuantile, betaVariance, regularizedIncompleteBeta } from './beta';
export { normalQuantile, Z95 } from './normal';
